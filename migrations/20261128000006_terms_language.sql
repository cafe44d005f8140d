-- The language in which the applicant accepted the terms, beside their version: a
-- Quebec applicant's acceptance must show that the French version came first (Charter of
-- the French Language s. 55) and which one was accepted. NULL until the terms are accepted.
ALTER TABLE drafts ADD COLUMN tos_lang TEXT CHECK (tos_lang IN ('en', 'fr'));
