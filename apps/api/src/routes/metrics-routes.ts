import { Router } from 'express';
import { collectMetrics, type MetricsSources } from '../metrics/collect-metrics';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheusText } from '../metrics/prometheus-text';

/**
 * `GET /metrics` in Prometheus' text format, for the whole deployment (every worker's
 * counts live in Redis). It needs the same Bearer key as the API: point Prometheus'
 * `authorization.credentials` at it.
 */
export function metricsRoutes(sources: MetricsSources): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    const text = renderPrometheusText(await collectMetrics(sources));
    res.setHeader('content-type', PROMETHEUS_CONTENT_TYPE);
    res.send(text);
  });
  return router;
}
