-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Click" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "advocateId" TEXT NOT NULL,
    "visitorKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Click" ("advocateId", "createdAt", "id", "shop") SELECT "advocateId", "createdAt", "id", "shop" FROM "Click";
DROP TABLE "Click";
ALTER TABLE "new_Click" RENAME TO "Click";
CREATE INDEX "Click_shop_createdAt_idx" ON "Click"("shop", "createdAt");
CREATE INDEX "Click_advocateId_createdAt_idx" ON "Click"("advocateId", "createdAt");
CREATE UNIQUE INDEX "Click_advocateId_visitorKey_key" ON "Click"("advocateId", "visitorKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

