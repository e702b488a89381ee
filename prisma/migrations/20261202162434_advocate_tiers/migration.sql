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
    "tiers" TEXT NOT NULL DEFAULT '[]',
    "rewardFromReferral" INTEGER NOT NULL DEFAULT 1,
    "orderTag" TEXT NOT NULL DEFAULT 'referral',
    "customerTag" TEXT NOT NULL DEFAULT 'referred-customer',
    "shareMessage" TEXT NOT NULL DEFAULT '',
    "autoEnroll" BOOLEAN NOT NULL DEFAULT true,
    "emailWelcome" BOOLEAN NOT NULL DEFAULT false,
    "emailFriendOrdered" BOOLEAN,
    "emailRewardReady" BOOLEAN,
    "storeCreditShopifyNotify" BOOLEAN NOT NULL DEFAULT true,
    "emailExpiryReminder" BOOLEAN NOT NULL DEFAULT false,
    "emailReminderDays" INTEGER NOT NULL DEFAULT 7,
    "friendDiscountId" TEXT,
    "friendDiscountSynced" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ProgramSettings" ("autoEnroll", "currencyCode", "customerTag", "emailExpiryReminder", "emailFriendOrdered", "emailReminderDays", "emailRewardReady", "emailWelcome", "enabled", "friendAmountMinor", "friendDiscountId", "friendDiscountSynced", "friendOfferType", "friendPercent", "maxRewardsPerAdvocate", "milestones", "minimumSubtotalMinor", "orderTag", "rewardAmountMinor", "rewardDelayDays", "rewardExpiryDays", "rewardPercent", "rewardType", "shareMessage", "shop", "storeCreditShopifyNotify", "updatedAt") SELECT "autoEnroll", "currencyCode", "customerTag", "emailExpiryReminder", "emailFriendOrdered", "emailReminderDays", "emailRewardReady", "emailWelcome", "enabled", "friendAmountMinor", "friendDiscountId", "friendDiscountSynced", "friendOfferType", "friendPercent", "maxRewardsPerAdvocate", "milestones", "minimumSubtotalMinor", "orderTag", "rewardAmountMinor", "rewardDelayDays", "rewardExpiryDays", "rewardPercent", "rewardType", "shareMessage", "shop", "storeCreditShopifyNotify", "updatedAt" FROM "ProgramSettings";
DROP TABLE "ProgramSettings";
ALTER TABLE "new_ProgramSettings" RENAME TO "ProgramSettings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

