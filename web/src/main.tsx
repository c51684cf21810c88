import { render } from 'preact';
import { App } from './app';
import './styles.css';
import { registerServiceWorker } from './pwa';
import { startTheme } from './theme';

startTheme();

render(<App />, document.getElementById('app')!);
registerServiceWorker();
