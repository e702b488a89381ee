-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "customerAccountsCheckedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "customerAccountsVersion" TEXT;

