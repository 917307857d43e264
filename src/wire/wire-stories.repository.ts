import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface EarlierPrint {
  articleId: string;
  wireGroupId: string | null;
  shared: number;
}

@Injectable()
export class WireStoriesRepository {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async articleBody(articleId: string): Promise<string | null> {
    const rows = await this.db.query<{ body: string }[]>(
      `SELECT body FROM articles WHERE id = $1`,
      [articleId],
    );
    return rows[0]?.body ?? null;
  }

  async saveFingerprints(articleId: string, fingerprints: string[]): Promise<void> {
    await this.db.query(
      `INSERT INTO paragraph_fingerprints (fingerprint, article_id)
       SELECT unnest($2::text[]), $1
       ON CONFLICT DO NOTHING`,
      [articleId, fingerprints],
    );
  }

  /** The earliest stored article sharing at least `minShared` of these fingerprints. */
  async earliestSharing(
    articleId: string,
    fingerprints: string[],
    minShared: number,
  ): Promise<EarlierPrint | null> {
    const rows = await this.db.query<EarlierPrint[]>(
      `SELECT other.id AS "articleId", other.wire_group_id AS "wireGroupId", count(*)::int AS shared
       FROM paragraph_fingerprints fp
       JOIN articles other ON other.id = fp.article_id
       JOIN articles self ON self.id = $1
       WHERE fp.fingerprint = ANY($2::text[])
         AND (other.created_at, other.id) < (self.created_at, self.id)
       GROUP BY other.id
       HAVING count(*) >= $3
       ORDER BY other.created_at, other.id
       LIMIT 1`,
      [articleId, fingerprints, minShared],
    );
    return rows[0] ?? null;
  }

  /** Puts the article and the print it matched into one group (the earlier one's, if any). */
  async join(articleId: string, earlier: EarlierPrint): Promise<string> {
    const groupId = earlier.wireGroupId ?? earlier.articleId;
    await this.db.query(
      `UPDATE articles SET wire_group_id = $3
       WHERE (id = $1 OR id = $2) AND wire_group_id IS DISTINCT FROM $3`,
      [articleId, earlier.articleId, groupId],
    );
    return groupId;
  }
}
