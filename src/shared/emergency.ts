/**
 * The emergency number in Finland (police, ambulance, fire, social emergency):
 * a national fact, not the deployer's. Its own module so the form islands can
 * use it without bundling the deployment configuration.
 */
export const emergencyNumber = '112';
