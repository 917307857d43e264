import tseslint from 'typescript-eslint';

const HTTP_EXCEPTIONS = [
  'HttpException',
  'BadRequestException',
  'UnauthorizedException',
  'ForbiddenException',
  'NotFoundException',
  'ConflictException',
  'GoneException',
  'PayloadTooLargeException',
  'UnsupportedMediaTypeException',
  'UnprocessableEntityException',
  'InternalServerErrorException',
  'ServiceUnavailableException',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'public/vendor/**', '*.js', '*.mjs'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // A forgotten await on queue.add() or a save fails silently.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layering (docs/architecture.md): below the controllers, services throw domain errors
    // (src/common/domain-errors.ts); only controllers, guards and the HTTP layer speak HTTP.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.controller.ts', 'src/http/**', 'src/auth/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: HTTP_EXCEPTIONS,
              message:
                'Throw a domain error from src/common/domain-errors.ts; the exception filter maps it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The analysis, event-grouping and detection cores are plain functions: no framework,
    // no storage, no queue, and nothing from the service layers around them.
    files: ['src/analysis/**/*.ts', 'src/events/core/**/*.ts', 'src/alerts/detection/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@nestjs/*',
                'typeorm',
                'bullmq',
                'ioredis',
                'pg',
                'pg-*',
                'express',
                '@bull-board/*',
              ],
              message: 'The cores import no framework, database or queue library.',
            },
            {
              group: [
                '**/*.repository',
                '**/*.service',
                '**/*.module',
                '**/*.controller',
                '**/*.processor',
              ],
              message: 'The cores are called by services, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    // The dashboard's browser modules, type-checked from their JSDoc by tsconfig.public.json.
    files: ['public/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      parserOptions: {
        projectService: false,
        project: './tsconfig.public.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
