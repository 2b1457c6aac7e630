import express, { Router } from 'express';
import { ApiError } from '../http/api-error';
import { uiAssetsDir } from '../http/ui-assets';

export const DOCS_PATH = '/docs';

/**
 * Swagger UI's prebuilt bundle renders GET /openapi.json; every file comes from the api itself, so
 * the page works offline. The start script is a file of ours rather than an inline <script>, so
 * the policy below can forbid inline scripts. `validatorUrl: null`: Swagger UI would otherwise
 * send the document to validator.swagger.io for a badge.
 */
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>reelay API</title>
<link rel="stylesheet" href="${DOCS_PATH}/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="${DOCS_PATH}/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<noscript>This page renders <a href="/openapi.json">/openapi.json</a> with JavaScript.</noscript>
<script src="${DOCS_PATH}/assets/swagger-ui-bundle.js"></script>
<script src="${DOCS_PATH}/start.js"></script>
</body>
</html>
`;

const START_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  docExpansion: 'list',
  defaultModelsExpandDepth: 0,
  validatorUrl: null,
});
`;

const POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'";

/** GET /docs: the API reference, open like /openapi.json, whose document it renders. */
export function docsRoutes(): Router {
  const router = Router();
  router.use(DOCS_PATH, (_req, res, next) => {
    res.setHeader('content-security-policy', POLICY);
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  router.get(DOCS_PATH, (_req, res) => {
    res.type('html').send(PAGE);
  });
  router.get(`${DOCS_PATH}/start.js`, (_req, res) => {
    res.type('text/javascript').send(START_SCRIPT);
  });
  router.use(`${DOCS_PATH}/assets`, express.static(uiAssetsDir('swagger-ui'), { index: false, maxAge: '1h' }), (req, _res, next) => {
    // Here rather than a 401 from the key check behind; without the file system path express.static would name.
    next(new ApiError(404, `No file ${req.originalUrl.split('?')[0]} of the API docs.`, { code: 'route_not_found' }));
  });
  return router;
}
