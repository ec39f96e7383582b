import type { AnalyzeThreadInput, ThreadMessage } from '../shared/api/threads.ts';

export interface ThreadPeople {
  /** Two of the customer's contacts, as the book has them. */
  customer: [{ name: string; email: string }, { name: string; email: string }];
  customerName: string;
  /** The CSM's address: a member of the org, so the analysis reads those messages as ours. */
  ours: { name: string; email: string };
}

/**
 * Twenty messages of a customer thread as a CSM has them open (an SSO rollout, a renewal, an
 * incident), ≈ 2,000 words: asks, questions, promises with dates, names, a phone number. Written
 * for the bench, so nothing from the shared data sets is copied in. `variant` goes into the last
 * message, so each call has a thread the server has not analysed yet.
 */
export function twentyMessageThread(people: ThreadPeople, variant: string): Omit<AnalyzeThreadInput, 'log'> {
  const [lead, second] = people.customer;
  const first = (name: string) => name.split(' ')[0] ?? name;
  const bodies: Array<[sender: 'lead' | 'second' | 'ours', text: string]> = [
    [
      'lead',
      `Hi ${first(people.ours.name)}, we are planning the SSO rollout for the support team next month. Could you send us the SAML setup guide and tell us whether Okta groups map to your roles? We have about 140 agents to move over, and I would like to avoid a weekend cutover if we can. Thanks, ${first(lead.name)}`,
    ],
    [
      'ours',
      `Hi ${first(lead.name)}, thanks for the heads-up. I will send the SAML guide by Friday, and yes, Okta groups map to roles one to one. Most teams your size move over in two batches during the week, so a weekend is not needed. I can also set up a sandbox org for your admins to try it first. Best, ${first(people.ours.name)}`,
    ],
    [
      'lead',
      'A sandbox would be great. Can it have a copy of our current users, or does it start empty? Our security team will want to review the attribute mapping before anything touches production.',
    ],
    [
      'ours',
      'It starts empty, but I can import a CSV of your users into it. Send me the export whenever it suits you and I will load it the same day. I will also share the attribute mapping document with your security team so they can review it in advance.',
    ],
    [
      'second',
      `Hello, I am on the security team at ${people.customerName}. Before we review: do you support signed and encrypted assertions, and where are the signing certificates rotated? We also need to know how long sessions last after a user is removed in Okta. You can reach me on +1 415 555 0199 if a call is easier. Regards, ${first(second.name)}`,
    ],
    [
      'ours',
      `Hi ${first(second.name)}, we support both signed and encrypted assertions. Certificates are rotated yearly, with 30 days of overlap, and admins are warned two weeks before. A removed user's sessions end within 15 minutes through SCIM. I will send our security whitepaper today, and I am happy to set up a call on Tuesday with our security engineer.`,
    ],
    [
      'second',
      'Tuesday works, ideally after 2pm Pacific. The whitepaper arrived, thank you. One more question: is SCIM provisioning included in our plan, or is it an add-on?',
    ],
    [
      'ours',
      'SCIM is included in your plan at no extra cost. I have booked Tuesday at 3pm Pacific with our security engineer and sent the invitation to both of you.',
    ],
    [
      'lead',
      'Thanks. Separately, our renewal is coming up at the end of the quarter. Finance asked whether we can move from monthly to annual billing, and whether the price for additional seats stays the same. We expect to add around 40 agents in the spring.',
    ],
    [
      'ours',
      'Annual billing is possible and comes with a discount. I will prepare a renewal quote with both options and the price for 40 additional seats, and send it by the 15th. Seat prices are locked for the length of the contract.',
    ],
    [
      'lead',
      'Perfect. Also, our agents saw errors this morning when opening tickets, the page kept spinning and then showed an error. Is there an incident on your side? It is affecting the whole team right now and we have customers waiting.',
    ],
    [
      'ours',
      'I am sorry about that. There was an incident with ticket loading between 8:40 and 9:25 this morning, and it is resolved now. Our engineers are writing the incident report, and I will send it to you as soon as it is published, within two business days.',
    ],
    [
      'lead',
      'Thank you for the quick answer. The team is working again. Please make sure the report explains what will prevent this from happening again, because our leadership will ask.',
    ],
    [
      'second',
      'The security call was useful. Our review is complete and the mapping is approved. We would like to start the first batch of 70 agents on the 20th. Can you confirm that someone from your side will be available that morning in case something goes wrong?',
    ],
    [
      'ours',
      'Great news, and thanks for the quick review. I confirm that I will be online from 8am Pacific on the 20th, and our support engineer will join the bridge call. I will send a short checklist for the day by Monday.',
    ],
    [
      'lead',
      'We got the checklist, thanks. Quick question about the renewal quote: does the annual discount also apply to the additional seats, or only to the current ones?',
    ],
    [
      'ours',
      'The discount applies to every seat on the contract, including seats added later in the year. I attached the updated quote, which shows both the current seats and the 40 new ones.',
    ],
    [
      'second',
      'The first batch went well, only two agents needed help with their MFA enrolment. We plan the second batch for next Thursday. Nothing needed from you unless you see something unusual on your side.',
    ],
    [
      'ours',
      'That is good to hear. I will keep an eye on the login logs during the second batch and tell you at once if anything looks unusual. The incident report is published as well, and I have sent it to you separately.',
    ],
    [
      'lead',
      `Thanks for all the help. Finance approved the annual renewal, but they still need the signed order form by the end of next week. Could you send it to me for signature, and can we schedule a short call to go over the spring expansion? Ref ${variant}`,
    ],
  ];
  const start = Date.parse('2026-11-02T16:00:00Z');
  const messages: ThreadMessage[] = bodies.map(([sender, text], index) => {
    const from = sender === 'ours' ? people.ours : sender === 'lead' ? lead : second;
    return {
      from: { email: from.email, name: from.name },
      sentAt: new Date(start + index * 26 * 3_600_000).toISOString(),
      text,
    };
  });
  return {
    threadId: 'bench-thread-sso-rollout',
    subject: `${people.customerName}: SSO rollout, renewal and this morning's errors`,
    customerId: null,
    messages,
  };
}
