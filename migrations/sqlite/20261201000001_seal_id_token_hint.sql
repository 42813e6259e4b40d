-- The ID token is kept only as the logout hint, sealed under a key derived from the cookie value
-- (which the database never holds): some brokers put CPR numbers in ID tokens. Sessions holding
-- a token in clear are ended; their owners log in again.
DELETE FROM sessions;
ALTER TABLE sessions RENAME COLUMN id_token TO id_token_sealed;
