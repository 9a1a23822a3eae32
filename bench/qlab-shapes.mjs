export default ({ limit, siteF }) => {
  const score = limit > 21 ? 'ts_rank(terms, query)' : '0';
  return {
    // bounded walk of the newest W rows, recheck; then GIN for older
    walk2: async (q, c) => {
      const W = Number(process.env.W ?? 2000);
      const r1 = await c.query(`WITH x AS MATERIALIZED (SELECT doc_key, terms FROM search_documents WHERE true ${siteF} ORDER BY doc_key DESC LIMIT ${W})
        SELECT doc_key, ${score} AS score FROM x, plainto_tsquery('simple', $1) query WHERE terms @@ query ORDER BY doc_key DESC LIMIT ${limit}`, [q]);
      if (r1.rowCount >= limit) return r1;
      const lo = await c.query(`SELECT doc_key FROM search_documents WHERE true ${siteF} ORDER BY doc_key DESC OFFSET ${W - 1} LIMIT 1`);
      if (lo.rowCount === 0) return r1;
      const r2 = await c.query(`SELECT doc_key, ${score} AS score FROM search_documents, plainto_tsquery('simple', $1) query WHERE terms @@ query AND doc_key < $2 ${siteF} ORDER BY doc_key + 0 DESC LIMIT ${limit - r1.rowCount}`, [q, lo.rows[0].doc_key]);
      return [...r1.rows, ...r2.rows];
    },
    // GIN AND doc_key range, widening
    range: async (q, c) => {
      let W = Number(process.env.W ?? 2000);
      for (;;) {
        const lo = await c.query(`SELECT doc_key FROM search_documents WHERE true ${siteF} ORDER BY doc_key DESC OFFSET ${W - 1} LIMIT 1`);
        const cond = lo.rowCount ? `AND doc_key >= ${lo.rows[0].doc_key}` : '';
        const r = await c.query(`SELECT doc_key, ${score} AS score FROM search_documents, plainto_tsquery('simple', $1) query WHERE terms @@ query ${cond} ${siteF} ORDER BY doc_key + 0 DESC LIMIT ${limit}`, [q]);
        if (r.rowCount >= limit || !lo.rowCount) return r;
        W *= 8;
      }
    },
  };
};
