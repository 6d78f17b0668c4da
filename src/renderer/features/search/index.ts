export { SearchView } from './SearchView';
export { focusSearch } from './search-store';
