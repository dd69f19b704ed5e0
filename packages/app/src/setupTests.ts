import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The whole app renders lazily (plugins, sign-in page); on a loaded 2-core
// runner its first render took longer than testing-library's 1 s default
// (seen failing in a full run). Queries still wait for the element, only longer.
configure({ asyncUtilTimeout: 20_000 });
jest.setTimeout(60_000);
