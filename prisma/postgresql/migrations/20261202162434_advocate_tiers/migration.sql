-- AlterTable
ALTER TABLE "ProgramSettings" ADD COLUMN     "rewardFromReferral" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "tiers" TEXT NOT NULL DEFAULT '[]';

