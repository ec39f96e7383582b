/** `activities.source` of what the Gmail sidebar logs; the external id is Gmail's thread id. */
export const gmailSource = 'gmail';
