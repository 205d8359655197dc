/**
 * The emergency number in Finland (police, ambulance, fire, social emergency):
 * a national fact, not the deployer's. In a module of its own so that a form
 * island can show it without bundling the deployer's whole configuration
 * (deployment.ts carries config/deployment.json into whatever imports it).
 */
export const emergencyNumber = '112';
