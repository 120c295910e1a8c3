export { sampleSum } from '../../tools/metrics/prometheus-text';
