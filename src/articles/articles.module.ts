import { Module } from '@nestjs/common';
import { ArticlesRepository } from './articles.repository';

/**
 * The articles table and its lifecycle (article-status.ts): every module that writes an
 * article's row or status imports this one.
 */
@Module({ providers: [ArticlesRepository], exports: [ArticlesRepository] })
export class ArticlesModule {}
