-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "currencyChangedAt" TIMESTAMP(3),
ADD COLUMN     "currencyCheckedAt" TIMESTAMP(3),
ADD COLUMN     "previousCurrencyCode" TEXT;

