-- AlterTable
ALTER TABLE "Reward" ADD COLUMN "sendingAt" DATETIME;

-- AlterTable
ALTER TABLE "OutboxTask" ADD COLUMN "sendingAt" DATETIME;


-- Ledger event types renamed so the two "kept" events no longer read alike.
UPDATE "LedgerEvent" SET "type" = 'reward_kept_used' WHERE "type" = 'reward_kept';
UPDATE "LedgerEvent" SET "type" = 'reward_code_used_before_deactivation' WHERE "type" = 'reward_code_kept';

-- States that were spelled as error texts become explicit states: work refused by a revoked
-- token, or waiting for a reinstall, is parked.
UPDATE "WebhookDelivery" SET "status" = 'parked' WHERE "status" = 'failed' AND "lastError" LIKE 'Shopify refused the access token%';
UPDATE "OutboxTask" SET "status" = 'parked' WHERE "status" = 'failed' AND "lastError" LIKE 'Shopify refused the access token%';
UPDATE "Reward" SET "state" = 'parked' WHERE "state" = 'failed' AND "lastError" LIKE 'Shopify refused the access token%';
UPDATE "Reward" SET "state" = 'parked', "nextAttemptAt" = NULL WHERE "state" = 'pending' AND "lastError" = 'The shop has uninstalled the app; waiting for a reinstall.';
-- A Flow trigger interrupted mid-send, or a store credit whose outcome is unknown, is marked by its own column.
UPDATE "OutboxTask" SET "sendingAt" = CURRENT_TIMESTAMP WHERE "status" = 'pending' AND "lastError" = 'sending the Flow trigger';
UPDATE "Reward" SET "sendingAt" = CURRENT_TIMESTAMP WHERE "state" IN ('pending', 'issuing') AND "rewardType" = 'store_credit' AND "attempts" > 0 AND "lastError" IS NOT NULL AND "lastError" NOT LIKE '%hrottled%';
