package kit

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/enroll-dev/enroll/otp"
)

// SMS is one text message in the mock phone's inbox. Code is the one-time code the
// message carries (what a reader would type), so the runner need not parse Body.
type SMS struct {
	To   string    `json:"to"`
	Body string    `json:"body"`
	Code string    `json:"code"`
	At   time.Time `json:"at"`
}

// Mail is one message in the mock mailbox. Links are the absolute URLs in the message,
// in order, so the runner can follow a verification link.
type Mail struct {
	To      string    `json:"to"`
	Subject string    `json:"subject"`
	Body    string    `json:"body"`
	Links   []string  `json:"links"`
	At      time.Time `json:"at"`
}

// SMSCodeTTL is how long a code sent by SendSMSCode stays valid on the site's clock.
const SMSCodeTTL = 10 * time.Minute

type smsCode struct {
	code    string
	expires time.Time
}

// SendSMS puts a message into the mock phone's inbox. code is the one-time code in the
// body ("" when there is none); it is recorded in the issued log.
func (k *Kit) SendSMS(to, body, code string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.sendSMSLocked(to, body, code)
}

func (k *Kit) sendSMSLocked(to, body, code string) {
	k.sms = append(k.sms, SMS{To: to, Body: body, Code: code, At: k.clock.Now().UTC()})
	if code != "" {
		k.issued.add(&k.issued.codes, code)
	}
	k.log.Info("sms sent", "to", to)
}

// SendMail puts a message into the mock mailbox.
func (k *Kit) SendMail(to, subject, body string, links []string) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if links == nil {
		links = []string{}
	}
	k.mail = append(k.mail, Mail{To: to, Subject: subject, Body: body, Links: links, At: k.clock.Now().UTC()})
	k.log.Info("mail sent", "to", to, "subject", subject)
}

// SendSMSCode sends a fresh 6-digit code to phone for purpose (a site's own word, e.g.
// "verify-phone") and remembers it for CheckSMSCode. body is the message text with one
// %s where the code goes, e.g. "Your 20i verification code is %s".
func (k *Kit) SendSMSCode(phone, purpose, body string) error {
	code, err := k.digits(6)
	if err != nil {
		return err
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	k.smsCodes[phone+"\x00"+purpose] = smsCode{code: code, expires: k.clock.Now().Add(SMSCodeTTL)}
	k.sendSMSLocked(phone, fmt.Sprintf(body, code), code)
	return nil
}

// CheckSMSCode checks code against the last code SendSMSCode sent to phone for purpose.
// A correct code is used up. It returns ErrWrongCode, or ErrExpired when the code's time
// has passed.
func (k *Kit) CheckSMSCode(phone, purpose, code string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.checkSMSCodeLocked(phone, purpose, code)
}

func (k *Kit) checkSMSCodeLocked(phone, purpose, code string) error {
	key := phone + "\x00" + purpose
	c, ok := k.smsCodes[key]
	if !ok || strings.TrimSpace(code) != c.code {
		return ErrWrongCode
	}
	delete(k.smsCodes, key)
	if k.clock.Now().After(c.expires) {
		return ErrExpired
	}
	return nil
}

// digits returns n random decimal digits.
func (k *Kit) digits(n int) (string, error) {
	b, err := k.randomBytes(n)
	if err != nil {
		return "", err
	}
	out := make([]byte, n)
	for i, v := range b {
		out[i] = '0' + v%10 // the slight bias of 256 mod 10 does not matter for a mock
	}
	return string(out), nil
}

// errors shared by the kit's methods; sites tell them apart with errors.Is.
var (
	// ErrWrongCode: the code is not the expected one (or a recovery code not on file).
	// It is otp.ErrWrongCode, so errors.Is works with either name.
	ErrWrongCode = otp.ErrWrongCode
	// ErrReplayed: the code was correct but its time step was already used. It is
	// otp.ErrReplayed.
	ErrReplayed = otp.ErrReplayed
	// ErrExpired: the enrollment attempt or SMS code ran out of time.
	ErrExpired = errors.New("expired")
	// ErrThrottled: too many wrong codes in a row; see ThrottledError for until when.
	ErrThrottled = errors.New("too many wrong codes")
	// ErrBadPassword: the email or password is not right.
	ErrBadPassword = errors.New("wrong email or password")
	// ErrNoEnrollment: there is no enrollment attempt under way.
	ErrNoEnrollment = errors.New("no enrollment under way")
)
