-- How a customer's or a contact's name is compared with what a meeting shows: case, width and
-- accents folded, punctuation read as spaces, "and" / "+" read as "&", a legal form at the end
-- dropped. The generated columns `customers.name_key` and `contacts.name_key` (next migration) hold
-- it for every writer alike, and the lookup keys a topic's words with the same function, so both
-- sides agree on any server. Punctuation is listed rather than taken from [:punct:], whose reach
-- beyond ASCII depends on the server's locale.
CREATE OR REPLACE FUNCTION cscx_name_key(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE STRICT SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
  key text := value;
BEGIN
  -- Marks that compatibility decomposition would spell out ("Acme™" is not "acmetm").
  key := regexp_replace(key, '[™®©℠]', '', 'g');
  -- "ＡＣＭＥ", "Crème" and "CREME" are one name; "Macy's" is "macys".
  key := lower(normalize(key, NFKD));
  key := regexp_replace(key, '[\u0300-\u036f''’`´]', '', 'g');
  key := regexp_replace(key, '[&+]', ' & ', 'g');
  -- ASCII punctuation but "&", Latin-1 signs, × and ÷, and the Unicode punctuation, symbol and emoji blocks.
  key := regexp_replace(key, '[\s\u0021-\u0025\u0027-\u002a\u002c-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u2e00-\u2e7f\u3000-\u303f\uff01-\uff0f\U0001f000-\U0001faff]+', ' ', 'g');
  key := btrim(regexp_replace(key, ' +', ' ', 'g'));
  key := regexp_replace(key, '(^| )and(?= |$)', '\1&', 'g');
  -- "Acme Robotics, Inc." is called "Acme Robotics" in a meeting; a lone "Inc" keeps its name.
  key := regexp_replace(key, '( (inc|incorporated|llc|llp|ltd|limited|gmbh|ag|sa|sas|sarl|srl|spa|plc|bv|nv|oy|ab|as|kg|corp|corporation|co|company|pty))+$', '');
  -- A dangling "&" (what "Acme & Co." leaves) joins nothing.
  RETURN regexp_replace(key, '^(& ?)+|( ?&)+$', '', 'g');
END
$$;
