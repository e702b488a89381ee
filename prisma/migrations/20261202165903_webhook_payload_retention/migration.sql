-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "payloadStrippedAt" DATETIME;

-- CreateIndex
CREATE INDEX "WebhookDelivery_payloadStrippedAt_receivedAt_idx" ON "WebhookDelivery"("payloadStrippedAt", "receivedAt");

