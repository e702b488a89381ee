-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "isOnline" BOOLEAN NOT NULL DEFAULT false,
    "scope" TEXT,
    "expires" TIMESTAMP(3),
    "accessToken" TEXT NOT NULL,
    "userId" BIGINT,
    "firstName" TEXT,
    "lastName" TEXT,
    "email" TEXT,
    "accountOwner" BOOLEAN NOT NULL DEFAULT false,
    "locale" TEXT,
    "collaborator" BOOLEAN DEFAULT false,
    "emailVerified" BOOLEAN DEFAULT false,
    "refreshToken" TEXT,
    "refreshTokenExpires" TIMESTAMP(3),

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Shop" (
    "domain" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    "scopes" TEXT NOT NULL DEFAULT '',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("domain")
);

-- CreateTable
CREATE TABLE "ProgramSettings" (
    "shop" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "currencyCode" TEXT NOT NULL DEFAULT 'USD',
    "friendOfferType" TEXT NOT NULL DEFAULT 'percentage',
    "friendPercent" INTEGER NOT NULL DEFAULT 10,
    "friendAmountMinor" INTEGER NOT NULL DEFAULT 0,
    "rewardType" TEXT NOT NULL DEFAULT 'fixed_amount',
    "rewardAmountMinor" INTEGER NOT NULL DEFAULT 1000,
    "rewardPercent" INTEGER NOT NULL DEFAULT 10,
    "minimumSubtotalMinor" INTEGER NOT NULL DEFAULT 0,
    "rewardDelayDays" INTEGER NOT NULL DEFAULT 14,
    "rewardExpiryDays" INTEGER DEFAULT 180,
    "milestones" TEXT NOT NULL DEFAULT '[]',
    "maxRewardsPerAdvocate" INTEGER,
    "orderTag" TEXT NOT NULL DEFAULT 'referral',
    "customerTag" TEXT NOT NULL DEFAULT 'referred-customer',
    "shareMessage" TEXT NOT NULL DEFAULT '',
    "friendDiscountId" TEXT,
    "friendDiscountSynced" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProgramSettings_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "Advocate" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "codeSyncedAt" TIMESTAMP(3),
    "metafieldSyncedAt" TIMESTAMP(3),
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "referredCount" INTEGER NOT NULL DEFAULT 0,
    "qualifiedCount" INTEGER NOT NULL DEFAULT 0,
    "earnedMinor" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Advocate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "advocateId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "orderName" TEXT NOT NULL DEFAULT '',
    "orderCreatedAt" TIMESTAMP(3) NOT NULL,
    "codeUsed" TEXT NOT NULL,
    "friendCustomerId" TEXT,
    "friendEmail" TEXT,
    "friendName" TEXT,
    "ipHash" TEXT,
    "subtotalMinor" INTEGER NOT NULL,
    "refundedMinor" INTEGER NOT NULL DEFAULT 0,
    "currencyCode" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    "paidAt" TIMESTAMP(3),
    "qualifiedAt" TIMESTAMP(3),
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reward" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "advocateId" TEXT NOT NULL,
    "referralId" TEXT,
    "kind" TEXT NOT NULL,
    "milestone" INTEGER NOT NULL DEFAULT 0,
    "rewardType" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "percent" INTEGER NOT NULL DEFAULT 0,
    "currencyCode" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "cause" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "discountId" TEXT,
    "expiresAt" TIMESTAMP(3),
    "issuedAt" TIMESTAMP(3),
    "voidedAt" TIMESTAMP(3),
    "usedAt" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEvent" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "referralId" TEXT,
    "rewardId" TEXT,
    "advocateId" TEXT,
    "type" TEXT NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "reason" TEXT NOT NULL DEFAULT '',
    "actor" TEXT NOT NULL DEFAULT 'system',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "orderId" TEXT,
    "payload" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'received',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Click" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "advocateId" TEXT NOT NULL,
    "visitorHash" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Click_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DailyStat" (
    "shop" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "clicks" INTEGER NOT NULL DEFAULT 0,
    "referrals" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,
    "blocked" INTEGER NOT NULL DEFAULT 0,
    "voided" INTEGER NOT NULL DEFAULT 0,
    "referredRevenueMinor" INTEGER NOT NULL DEFAULT 0,
    "rewardsIssued" INTEGER NOT NULL DEFAULT 0,
    "rewardCostMinor" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DailyStat_pkey" PRIMARY KEY ("shop","day")
);

-- CreateTable
CREATE TABLE "OutboxTask" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "OutboxTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DataRequest" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "record" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DataRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Session_shop_idx" ON "Session"("shop");

-- CreateIndex
CREATE INDEX "Advocate_shop_createdAt_idx" ON "Advocate"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Advocate_shop_codeSyncedAt_idx" ON "Advocate"("shop", "codeSyncedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Advocate_shop_code_key" ON "Advocate"("shop", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Advocate_shop_customerId_key" ON "Advocate"("shop", "customerId");

-- CreateIndex
CREATE INDEX "Referral_shop_status_createdAt_idx" ON "Referral"("shop", "status", "createdAt");

-- CreateIndex
CREATE INDEX "Referral_shop_createdAt_idx" ON "Referral"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Referral_advocateId_createdAt_idx" ON "Referral"("advocateId", "createdAt");

-- CreateIndex
CREATE INDEX "Referral_shop_friendCustomerId_idx" ON "Referral"("shop", "friendCustomerId");

-- CreateIndex
CREATE INDEX "Referral_shop_friendEmail_idx" ON "Referral"("shop", "friendEmail");

-- CreateIndex
CREATE INDEX "Referral_shop_ipHash_idx" ON "Referral"("shop", "ipHash");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_shop_orderId_key" ON "Referral"("shop", "orderId");

-- CreateIndex
CREATE INDEX "Reward_state_dueAt_idx" ON "Reward"("state", "dueAt");

-- CreateIndex
CREATE INDEX "Reward_shop_state_createdAt_idx" ON "Reward"("shop", "state", "createdAt");

-- CreateIndex
CREATE INDEX "Reward_advocateId_createdAt_idx" ON "Reward"("advocateId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Reward_shop_code_key" ON "Reward"("shop", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Reward_shop_cause_key" ON "Reward"("shop", "cause");

-- CreateIndex
CREATE INDEX "LedgerEvent_referralId_createdAt_idx" ON "LedgerEvent"("referralId", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerEvent_rewardId_createdAt_idx" ON "LedgerEvent"("rewardId", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerEvent_shop_createdAt_idx" ON "LedgerEvent"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WebhookDelivery_shop_orderId_idx" ON "WebhookDelivery"("shop", "orderId");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookDelivery_shop_eventId_key" ON "WebhookDelivery"("shop", "eventId");

-- CreateIndex
CREATE INDEX "Click_shop_createdAt_idx" ON "Click"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Click_advocateId_createdAt_idx" ON "Click"("advocateId", "createdAt");

-- CreateIndex
CREATE INDEX "OutboxTask_status_nextAttemptAt_idx" ON "OutboxTask"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxTask_shop_key_key" ON "OutboxTask"("shop", "key");

-- CreateIndex
CREATE INDEX "DataRequest_shop_createdAt_idx" ON "DataRequest"("shop", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "DataRequest_shop_requestId_key" ON "DataRequest"("shop", "requestId");

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_advocateId_fkey" FOREIGN KEY ("advocateId") REFERENCES "Advocate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_advocateId_fkey" FOREIGN KEY ("advocateId") REFERENCES "Advocate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reward" ADD CONSTRAINT "Reward_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEvent" ADD CONSTRAINT "LedgerEvent_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LedgerEvent" ADD CONSTRAINT "LedgerEvent_rewardId_fkey" FOREIGN KEY ("rewardId") REFERENCES "Reward"("id") ON DELETE SET NULL ON UPDATE CASCADE;

