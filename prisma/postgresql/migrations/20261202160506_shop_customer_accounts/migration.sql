-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "customerAccountsCheckedAt" TIMESTAMP(3),
ADD COLUMN     "customerAccountsVersion" TEXT;

