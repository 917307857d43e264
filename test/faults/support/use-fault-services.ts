import { FAULT_POSTGRES_URL, FAULT_REDIS_URL } from './services';

// test/support reads these when it is first loaded: import this module before it.
process.env.TEST_DATABASE_URL = FAULT_POSTGRES_URL;
process.env.TEST_REDIS_URL = FAULT_REDIS_URL;
