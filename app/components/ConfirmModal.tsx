import { Modal, Text } from "@shopify/polaris";
import { useI18n } from "../i18n/I18nProvider";

/**
 * Asks once more before a change that cannot be taken back (void, reject, ban): the
 * title asks the question, the text says what will happen, and the critical button names
 * the action ("Void reward"), so nothing happens by a stray click.
 */
export function ConfirmModal({
  open,
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  loading = false,
  destructive = true,
  children,
}: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  loading?: boolean;
  destructive?: boolean;
  children?: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      open={open}
      onClose={onClose}
      title={title}
      primaryAction={{ content: confirmLabel, destructive, onAction: onConfirm, loading }}
      secondaryActions={[{ content: t("common.cancel"), onAction: onClose, disabled: loading }]}
    >
      <Modal.Section>
        <Text as="p">{body}</Text>
        {children}
      </Modal.Section>
    </Modal>
  );
}
