-- AlterTable
ALTER TABLE "Shop" ADD COLUMN "currencyChangedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "currencyCheckedAt" DATETIME;
ALTER TABLE "Shop" ADD COLUMN "previousCurrencyCode" TEXT;

