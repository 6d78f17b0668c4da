import '@vscode/codicons/dist/codicon.css';
import './app/themes.css';
import './app/workbench.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyCachedTheme } from './app/theme-store';

applyCachedTheme();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
