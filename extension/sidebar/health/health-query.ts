/** One customer's health in the cache: acknowledging one of its alerts refreshes it. */
export const healthKey = (customerId: string) => ['health.forCustomer', customerId] as const;

/** Every alerts list in the cache (the settings page's open and acknowledged lists). */
export const alertsKey = ['health.alerts'] as const;
