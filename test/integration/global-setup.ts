// Replaced by the shared-cluster setup once src/cluster/ lands.
export default async function setup(): Promise<void> {}
