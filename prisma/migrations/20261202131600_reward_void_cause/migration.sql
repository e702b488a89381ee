-- AlterTable
ALTER TABLE "Reward" ADD COLUMN "voidCause" TEXT;


-- Rewards a ban voided before the cause was kept: their ledger entry says so.
UPDATE "Reward" SET "voidCause" = 'advocate_banned' WHERE "state" = 'voided' AND "issuedAt" IS NULL AND "id" IN (SELECT "rewardId" FROM "LedgerEvent" WHERE "type" = 'reward_voided' AND "reason" = 'Advocate banned');
