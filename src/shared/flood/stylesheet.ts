/**
 * The stylesheet the form pages load only without JavaScript (from a
 * `<noscript>`): the server answers it, not the built site, and in flood mode
 * it shows the pages' busy notice (server/routes/flood-stylesheet.ts).
 */
export const floodStylesheetPath = '/flood.css';
