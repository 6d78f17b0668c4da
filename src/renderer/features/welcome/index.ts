export { WelcomeDialogs } from './WelcomeDialogs';
export { WelcomePage } from './WelcomePage';
export { newWorkspace, openFolder } from './welcome-store';
