-- CreateIndex
CREATE INDEX "OutboxTask_shop_status_nextAttemptAt_idx" ON "OutboxTask"("shop", "status", "nextAttemptAt");

