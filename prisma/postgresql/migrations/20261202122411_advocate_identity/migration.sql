-- AlterTable
ALTER TABLE "ProgramSettings" ADD COLUMN     "autoEnroll" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Advocate" ADD COLUMN     "identityReadAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Advocate_shop_identityReadAt_idx" ON "Advocate"("shop", "identityReadAt");

