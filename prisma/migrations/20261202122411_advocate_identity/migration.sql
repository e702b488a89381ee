-- AlterTable
ALTER TABLE "Advocate" ADD COLUMN "identityReadAt" DATETIME;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProgramSettings" (
    "shop" TEXT NOT NULL PRIMARY KEY,
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
    "autoEnroll" BOOLEAN NOT NULL DEFAULT true,
    "friendDiscountId" TEXT,
    "friendDiscountSynced" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ProgramSettings" ("currencyCode", "customerTag", "enabled", "friendAmountMinor", "friendDiscountId", "friendDiscountSynced", "friendOfferType", "friendPercent", "maxRewardsPerAdvocate", "milestones", "minimumSubtotalMinor", "orderTag", "rewardAmountMinor", "rewardDelayDays", "rewardExpiryDays", "rewardPercent", "rewardType", "shareMessage", "shop", "updatedAt") SELECT "currencyCode", "customerTag", "enabled", "friendAmountMinor", "friendDiscountId", "friendDiscountSynced", "friendOfferType", "friendPercent", "maxRewardsPerAdvocate", "milestones", "minimumSubtotalMinor", "orderTag", "rewardAmountMinor", "rewardDelayDays", "rewardExpiryDays", "rewardPercent", "rewardType", "shareMessage", "shop", "updatedAt" FROM "ProgramSettings";
DROP TABLE "ProgramSettings";
ALTER TABLE "new_ProgramSettings" RENAME TO "ProgramSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Advocate_shop_identityReadAt_idx" ON "Advocate"("shop", "identityReadAt");

