import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Pages load lazily; on a loaded 2-core CI runner the first render can take
// longer than testing-library's 1 s and jest's 5 s defaults.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(30_000);
