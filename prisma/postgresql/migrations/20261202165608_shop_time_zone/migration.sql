-- AlterTable
ALTER TABLE "Shop" ADD COLUMN     "ianaTimezone" TEXT,
ADD COLUMN     "timeZoneCheckedAt" TIMESTAMP(3);

