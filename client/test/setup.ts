import '@testing-library/jest-dom';
import { TextDecoder, TextEncoder } from 'node:util';

// jsdom leaves out the encoding API that react-router reads at import.
Object.assign(globalThis, { TextEncoder, TextDecoder });
