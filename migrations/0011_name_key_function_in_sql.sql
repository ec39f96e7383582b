-- cscx_name_key (0008) as one SQL expression with three regular expressions instead of eight, for
-- speed: a Zoom lookup keys every run of words in its topic and every participant's name with it
-- (≈ 30 % less time per call on PGlite). The keys are the same as 0008's, step for step (checked on
-- the demo book's names and the edge cases of tests/customers), so the stored `name_key` columns stay
-- valid and are not rewritten. No SET search_path: a standard SQL body is bound to its functions when
-- it is created, not when it is called, and a SET would keep the planner from inlining it.
CREATE OR REPLACE FUNCTION cscx_name_key(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
RETURN btrim(
  regexp_replace(
    -- The word "and" joins names like "&": padded with spaces so that every one is a whole word.
    replace(replace(
      ' ' || btrim(regexp_replace(
        -- "&" and "+" join names alike ("Procter and Gamble" is "Procter & Gamble").
        replace(replace(
          -- "ＡＣＭＥ", "Crème" and "CREME" are one name; "Macy's" is "macys"; "Acme™" is not "acmetm".
          regexp_replace(lower(normalize(translate(value, '™®©℠', ''), NFKD)), '[\u0300-\u036f''’`´]+', '', 'g'),
          '&', ' & '), '+', ' & '),
        -- ASCII punctuation but "&", Latin-1 signs, × and ÷, and the Unicode punctuation, symbol and
        -- emoji blocks separate words. Listed, not [:punct:], whose reach beyond ASCII depends on the locale.
        '[\s\u0021-\u0025\u0027-\u002a\u002c-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00bf\u00d7\u00f7\u2000-\u206f\u2190-\u2bff\u2e00-\u2e7f\u3000-\u303f\uff01-\uff0f\U0001f000-\U0001faff]+', ' ', 'g')) || ' ',
      ' and ', ' & '), ' and ', ' & '),
    -- "Acme Robotics, Inc." is called "Acme Robotics" in a meeting; a lone "Inc" keeps its name.
    '(\S)( (inc|incorporated|llc|llp|ltd|limited|gmbh|ag|sa|sas|sarl|srl|spa|plc|bv|nv|oy|ab|as|kg|corp|corporation|co|company|pty))+ $', '\1 '),
  -- A dangling "&" (what "Acme & Co." leaves) joins nothing.
  '& ');
