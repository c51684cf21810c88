// Unit tests read the interface's texts in English, the source language, unless they switch.
import { beforeEach } from 'vitest';
import { setLanguage } from '../src/i18n/i18n';

beforeEach(() => setLanguage('en'));
