package kittest

import (
	"net/url"

	"github.com/enroll-dev/enroll/mocksites/kit"
)

// SMS returns the messages in the site's mock SMS inbox for phone, oldest first.
func (c *Client) SMS(phone string) []kit.SMS {
	c.t.Helper()
	return Control[kit.SMSList](c, "sms?to="+url.QueryEscape(phone)).Messages
}

// LastSMSCode returns the code of the newest SMS to phone, failing the test when phone
// has none.
func (c *Client) LastSMSCode(phone string) string {
	c.t.Helper()
	sms := c.SMS(phone)
	if len(sms) == 0 {
		c.t.Fatalf("no SMS to %s", phone)
	}
	return sms[len(sms)-1].Code
}

// Mail returns the messages in the site's mock mailbox for the address to, oldest
// first; "" returns all.
func (c *Client) Mail(to string) []kit.Mail {
	c.t.Helper()
	path := "mail"
	if to != "" {
		path += "?to=" + url.QueryEscape(to)
	}
	return Control[kit.MailList](c, path).Messages
}
