"""Every foreign key has an index that starts with its columns: deleting or merging a parent row then finds its
children with an index probe instead of scanning the child table once per parent row."""

from sqlalchemy import text

UNINDEXED_FOREIGN_KEYS = text(
    """
    SELECT c.conrelid::regclass::text AS child, c.conname,
           array_agg(a.attname::text ORDER BY k.ord) AS columns
    FROM pg_constraint c
    CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
    WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
      AND NOT EXISTS (
        -- a full (not partial) index whose leading columns are exactly the key's columns, in any order
        SELECT 1 FROM pg_index i
        WHERE i.indrelid = c.conrelid AND i.indpred IS NULL
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey
          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] <@ c.conkey
      )
    GROUP BY 1, 2
    ORDER BY 1, 2
    """
)


async def test_every_foreign_key_has_an_index(connection):
    missing = [
        f"{child}.{'+'.join(columns)} ({name})"
        for child, name, columns in (await connection.execute(UNINDEXED_FOREIGN_KEYS)).all()
    ]
    assert missing == [], "foreign keys without an index: " + ", ".join(missing)
