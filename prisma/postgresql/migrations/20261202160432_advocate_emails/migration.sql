-- AlterTable
ALTER TABLE "ProgramSettings" ADD COLUMN     "emailExpiryReminder" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "emailFriendOrdered" BOOLEAN,
ADD COLUMN     "emailReminderDays" INTEGER NOT NULL DEFAULT 7,
ADD COLUMN     "emailRewardReady" BOOLEAN,
ADD COLUMN     "emailWelcome" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "storeCreditShopifyNotify" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Advocate" ADD COLUMN     "emailUnsubscribedAt" TIMESTAMP(3);

