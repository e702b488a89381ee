import { Badge } from "@shopify/polaris";
import { statusLabelKey, statusTone } from "../admin/statuses";
import { useI18n } from "../i18n/I18nProvider";

export function StatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  return <Badge tone={statusTone(status)}>{t(statusLabelKey(status))}</Badge>;
}
