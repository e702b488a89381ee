-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "payloadStrippedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "WebhookDelivery_payloadStrippedAt_receivedAt_idx" ON "WebhookDelivery"("payloadStrippedAt", "receivedAt");

