-- CreateIndex
CREATE INDEX "Advocate_shop_qualifiedCount_earnedMinor_idx" ON "Advocate"("shop", "qualifiedCount", "earnedMinor");

-- CreateIndex
CREATE INDEX "Reward_shop_createdAt_idx" ON "Reward"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Reward_shop_state_dueAt_idx" ON "Reward"("shop", "state", "dueAt");

