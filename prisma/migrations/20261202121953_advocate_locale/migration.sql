-- AlterTable
ALTER TABLE "Advocate" ADD COLUMN "locale" TEXT;

