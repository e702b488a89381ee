-- AlterTable
ALTER TABLE "Click" DROP COLUMN "visitorHash",
ADD COLUMN     "visitorKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Click_advocateId_visitorKey_key" ON "Click"("advocateId", "visitorKey");

