-- Time to recover (issue 18): how long each change's credential had been in its previous status.
ALTER TABLE "StatusChange" ADD COLUMN "secondsInPrevious" INTEGER;
UPDATE "StatusChange" SET "secondsInPrevious" = (
  SELECT CAST(ROUND((julianday("StatusChange"."observedAt") - julianday(MAX(p."observedAt"))) * 86400) AS INTEGER)
  FROM "StatusChange" p WHERE p."credentialId" = "StatusChange"."credentialId" AND p."observedAt" < "StatusChange"."observedAt"
) WHERE "fromStatus" IS NOT NULL;
