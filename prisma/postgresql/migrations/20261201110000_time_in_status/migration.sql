-- Time to recover (issue 18): how long each change's credential had been in its previous status.
ALTER TABLE "StatusChange" ADD COLUMN "secondsInPrevious" INTEGER;
UPDATE "StatusChange" s SET "secondsInPrevious" = (
  SELECT ROUND(EXTRACT(EPOCH FROM (s."observedAt" - MAX(p."observedAt"))))::INTEGER
  FROM "StatusChange" p WHERE p."credentialId" = s."credentialId" AND p."observedAt" < s."observedAt"
) WHERE s."fromStatus" IS NOT NULL;
