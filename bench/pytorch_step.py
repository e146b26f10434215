"""One training step of the cgan, acgan or dcgan variant in PyTorch, for bench/compare-pytorch.sh.

Each variant has the same layers, batch sizes, updates, losses and optimizers as
gan/src/main/java/gan/variants (what gan.bench.TrainingStepBench times as one step), in
NCHW, with TensorFlow's 'same' padding written out:

  cgan   batch 128: D on 64 real, D on 64 fake, G on 128 through the frozen D; Adam(2e-4, 0.5).
  acgan  batch 64: D on 32 real, D on 32 fake, G on 64 through the frozen D (whose BatchNorm
         keeps training: batch statistics, moving averages updated); each loss is BCE of the
         validity head + sparse categorical cross-entropy of the class head; Adam(2e-4, 0.5).
  dcgan  batch 64: D once on 64 fake + 64 real in one batch, G on 64 through the frozen D;
         RMSprop(1e-3, rho 0.9) for both.

Fakes for D's updates come from G without a graph, in inference mode (Keras'
generator.predict), as in the engine. Prints one line: "pytorch <seconds per step> s/step";
with --params, the Keras-style parameter counts of G and D instead.
"""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def same_pad(x, k, s):
    """TensorFlow 'same': total pad max((out-1)*s + k - in, 0), the larger half after."""
    h = x.shape[-1]
    out = -(-h // s)
    total = max((out - 1) * s + k - h, 0)
    before = total // 2
    return F.pad(x, (before, total - before, before, total - before))


def batch_norm(channels):
    """Keras BatchNormalization defaults: momentum 0.99 (PyTorch's 0.01), epsilon 1e-3."""
    return nn.BatchNorm2d(channels, eps=1e-3, momentum=0.01)


class SameConv2d(nn.Module):
    """Conv2D(padding='same') on a square input of side `size`: PyTorch's own padding when
    TensorFlow's is symmetric, an explicit F.pad (smaller half before) when it is not."""

    def __init__(self, cin, cout, k, stride, size):
        super().__init__()
        out = -(-size // stride)
        total = max((out - 1) * stride + k - size, 0)
        self.before, self.after = total // 2, total - total // 2
        symmetric = self.before == self.after
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, padding=self.before if symmetric else 0)
        self.explicit = not symmetric

    def forward(self, x):
        if self.explicit:
            x = F.pad(x, (self.before, self.after, self.before, self.after))
        return self.conv(x)


class SameConvTranspose2d(nn.Module):
    """Conv2DTranspose(padding='same', strides=s): output = in * s. TensorFlow crops the full
    (in-1)*s + k output by the forward conv's 'same' padding of the output size: `before`
    (the smaller half) at the start, `after` at the end. PyTorch's padding crops the same
    amount at both ends, so crop `before` there and trim the remaining `after - before`
    from the end (5x5 s2: padding 1, then drop the last row and column; 4x4 s2: padding 1)."""

    def __init__(self, cin, cout, k, stride, size):
        super().__init__()
        self.out = size * stride
        total = max((size - 1) * stride + k - self.out, 0)
        before = total // 2
        self.up = nn.ConvTranspose2d(cin, cout, k, stride=stride, padding=before)

    def forward(self, x):
        x = self.up(x)
        if x.shape[-1] != self.out:
            x = x[..., :self.out, :self.out]
        return x


def freeze(module, frozen):
    for p in module.parameters():
        p.requires_grad_(not frozen)


def fakes(g, *inputs):
    """Keras' generator.predict: G in inference mode, no graph."""
    g.eval()
    with torch.no_grad():
        out = g(*inputs)
    g.train()
    return out


def adam(params):
    return torch.optim.Adam(params, lr=2e-4, betas=(0.5, 0.999), eps=1e-7)


# ---- cgan (gan/src/main/java/gan/variants/CganVariant.java) --------------------------------

class CganDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = nn.Embedding(10, 50)
        self.label_dense = nn.Linear(50, 784)
        self.conv1 = nn.Conv2d(2, 128, 3, stride=2)
        self.conv2 = nn.Conv2d(128, 128, 3, stride=2)
        self.drop = nn.Dropout(0.4)
        self.out = nn.Linear(128 * 7 * 7, 1)

    def forward(self, images, labels):
        l = self.label_dense(self.embed(labels)).view(-1, 1, 28, 28)
        x = torch.cat([images, l], dim=1)
        x = F.leaky_relu(self.conv1(same_pad(x, 3, 2)), 0.2)
        x = F.leaky_relu(self.conv2(same_pad(x, 3, 2)), 0.2)
        return torch.sigmoid(self.out(self.drop(x.flatten(1))))


class CganGenerator(nn.Module):
    def __init__(self, latent=100):
        super().__init__()
        self.embed = nn.Embedding(10, 50)
        self.label_dense = nn.Linear(50, 49)
        self.dense = nn.Linear(latent, 128 * 7 * 7)
        # Keras Conv2DTranspose(4x4, s2, 'same') == PyTorch padding 1: output exactly 2x
        self.up1 = nn.ConvTranspose2d(129, 128, 4, stride=2, padding=1)
        self.up2 = nn.ConvTranspose2d(128, 128, 4, stride=2, padding=1)
        self.out = nn.Conv2d(128, 1, 7, padding=3)

    def forward(self, z, labels):
        l = self.label_dense(self.embed(labels)).view(-1, 1, 7, 7)
        x = F.leaky_relu(self.dense(z), 0.2).view(-1, 128, 7, 7)
        x = torch.cat([x, l], dim=1)
        x = F.leaky_relu(self.up1(x), 0.2)
        x = F.leaky_relu(self.up2(x), 0.2)
        return torch.tanh(self.out(x))


def cgan_step(g, d, opt_g, opt_d, real, real_labels, half, latent):
    bce = nn.BCELoss()
    # D on real, then on fake (one Keras train_on_batch each)
    opt_d.zero_grad()
    bce(d(real, real_labels), torch.ones(half, 1)).backward()
    opt_d.step()
    z = torch.randn(half, latent)
    fake_labels = torch.randint(0, 10, (half,))
    with torch.no_grad():
        fake = g(z, fake_labels)
    opt_d.zero_grad()
    bce(d(fake, fake_labels), torch.zeros(half, 1)).backward()
    opt_d.step()
    # G through the frozen D on a full batch
    freeze(d, True)
    opt_g.zero_grad()
    z = torch.randn(2 * half, latent)
    labels = torch.randint(0, 10, (2 * half,))
    bce(d(g(z, labels), labels), torch.ones(2 * half, 1)).backward()
    opt_g.step()
    freeze(d, False)


# ---- acgan (AcganVariant.java, AcganModel.java) --------------------------------------------

class AcganDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = SameConv2d(1, 32, 3, 2, 28)
        self.conv2 = SameConv2d(32, 64, 3, 1, 14)
        self.bn2 = batch_norm(64)
        self.conv3 = SameConv2d(64, 128, 3, 2, 14)
        self.bn3 = batch_norm(128)
        self.conv4 = SameConv2d(128, 256, 3, 1, 7)
        self.bn4 = batch_norm(256)
        self.drop = nn.Dropout(0.5)
        self.validity = nn.Linear(256 * 7 * 7, 1)
        self.classes = nn.Linear(256 * 7 * 7, 10)
        for m in (self.conv1, self.conv2, self.conv3, self.conv4):
            nn.init.normal_(m.conv.weight, std=0.02)
            nn.init.zeros_(m.conv.bias)
        for m in (self.validity, self.classes):
            nn.init.xavier_uniform_(m.weight)
            nn.init.zeros_(m.bias)

    def forward(self, images):
        x = self.drop(F.leaky_relu(self.conv1(images), 0.2))
        x = self.drop(F.leaky_relu(self.bn2(self.conv2(x)), 0.2))
        x = self.drop(F.leaky_relu(self.bn3(self.conv3(x)), 0.2))
        x = self.drop(F.leaky_relu(self.bn4(self.conv4(x)), 0.2))
        x = x.flatten(1)
        return torch.sigmoid(self.validity(x)), F.softmax(self.classes(x), dim=1)


class AcganGenerator(nn.Module):
    def __init__(self, latent=100):
        super().__init__()
        self.embed = nn.Embedding(10, 50)
        self.label_dense = nn.Linear(50, 49)
        self.dense = nn.Linear(latent, 384 * 7 * 7)
        self.up1 = SameConvTranspose2d(385, 192, 5, 2, 7)
        self.bn1 = batch_norm(192)
        self.up2 = SameConvTranspose2d(192, 1, 5, 2, 14)
        nn.init.uniform_(self.embed.weight, -0.05, 0.05)
        for m in (self.label_dense, self.dense, self.up1.up, self.up2.up):
            nn.init.normal_(m.weight, std=0.02)
            nn.init.zeros_(m.bias)

    def forward(self, z, labels):
        l = self.label_dense(self.embed(labels)).view(-1, 1, 7, 7)
        x = F.relu(self.dense(z)).view(-1, 384, 7, 7)
        x = torch.cat([x, l], dim=1)
        x = F.relu(self.bn1(self.up1(x)))
        return torch.tanh(self.up2(x))


def sparse_cce(probs, labels):
    """Keras sparse_categorical_crossentropy on softmax outputs (probabilities clipped)."""
    return F.nll_loss(torch.log(probs.clamp(1e-7, 1 - 1e-7)), labels)


def acgan_loss(heads, target, labels):
    validity, classes = heads
    return F.binary_cross_entropy(validity, torch.full((labels.shape[0], 1), target)) + sparse_cce(classes, labels)


def acgan_step(g, d, opt_g, opt_d, real, real_labels, half, latent):
    # D on the real half batch, then on as many fakes
    opt_d.zero_grad()
    acgan_loss(d(real), 1.0, real_labels).backward()
    opt_d.step()
    fake_labels = torch.randint(0, 10, (half,))
    fake = fakes(g, torch.randn(half, latent), fake_labels)
    opt_d.zero_grad()
    acgan_loss(d(fake), 0.0, fake_labels).backward()
    opt_d.step()
    # G through the frozen D on a full batch; D stays in training mode (BatchNorm on batch
    # statistics, Dropout active) but its parameters get no gradient
    freeze(d, True)
    opt_g.zero_grad()
    labels = torch.randint(0, 10, (2 * half,))
    acgan_loss(d(g(torch.randn(2 * half, latent), labels)), 1.0, labels).backward()
    opt_g.step()
    freeze(d, False)


# ---- dcgan (DcganVariant.java, DcganModel.java) --------------------------------------------

class DcganDiscriminator(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = SameConv2d(1, 64, 5, 2, 28)
        self.drop1 = nn.Dropout(0.3)
        self.conv2 = SameConv2d(64, 128, 5, 2, 14)
        self.drop2 = nn.Dropout(0.4)
        self.out = nn.Linear(128 * 7 * 7, 1)

    def forward(self, images):
        x = self.drop1(F.leaky_relu(self.conv1(images), 0.2))
        x = self.drop2(F.leaky_relu(self.conv2(x), 0.2))
        return torch.sigmoid(self.out(x.flatten(1)))


class DcganGenerator(nn.Module):
    def __init__(self, codings=32):
        super().__init__()
        self.dense = nn.Linear(codings, 7 * 7 * 128)
        self.bn0 = batch_norm(128)
        self.up1 = SameConvTranspose2d(128, 64, 5, 2, 7)
        self.bn1 = batch_norm(64)
        self.up2 = SameConvTranspose2d(64, 1, 5, 2, 14)

    def forward(self, z):
        x = self.bn0(self.dense(z).view(-1, 128, 7, 7))
        x = self.bn1(F.selu(self.up1(x)))
        return torch.tanh(self.up2(x))


def dcgan_step(g, d, opt_g, opt_d, real, real_labels, n, codings):
    bce = nn.BCELoss()
    # D once on n fakes followed by the n real images (one Dropout mask draw over both)
    fake = fakes(g, torch.randn(n, codings))
    both = torch.cat([fake, real], dim=0)
    targets = torch.cat([torch.zeros(n, 1), torch.ones(n, 1)], dim=0)
    opt_d.zero_grad()
    bce(d(both), targets).backward()
    opt_d.step()
    # G through the frozen D (no BatchNorm in D; Dropout active) on n new codings
    freeze(d, True)
    opt_g.zero_grad()
    bce(d(g(torch.randn(n, codings))), torch.ones(n, 1)).backward()
    opt_g.step()
    freeze(d, False)


def rmsprop(params):
    """Keras RMSprop defaults: lr 1e-3, rho 0.9, epsilon 1e-7 (outside the square root)."""
    return torch.optim.RMSprop(params, lr=1e-3, alpha=0.9, eps=1e-7)


# ---- driver --------------------------------------------------------------------------------

# variant: (G, D, optimizer, step, default batch size, real images per step as a fraction of
#           the batch, latent size, labels?, Keras parameter counts (total, non-trainable))
# The counts: dcgan's G from the tutorial's model.summary() (VARIANTS.md); the others worked
# out from Keras' layer rules, the same as `java -jar gan/target/gan.jar summary <variant>`.
VARIANTS = {
    "cgan": (CganGenerator, CganDiscriminator, adam, cgan_step, 128, 2, 100, True,
             {"generator": (1169336, 0), "discriminator": (196773, 0)}),
    "acgan": (AcganGenerator, AcganDiscriminator, adam, acgan_step, 64, 2, 100, True,
              {"generator": (3757176, 384), "discriminator": (527627, 896)}),
    "dcgan": (DcganGenerator, DcganDiscriminator, rmsprop, dcgan_step, 64, 1, 32, False,
              {"generator": (414209, 384), "discriminator": (212865, 0)}),
}


def keras_counts(module):
    """(total, non-trainable) as Keras counts them: BatchNorm's moving mean and variance are
    non-trainable weights; PyTorch's num_batches_tracked has no Keras counterpart."""
    trainable = sum(p.numel() for p in module.parameters())
    moving = sum(b.numel() for name, b in module.named_buffers()
                 if name.endswith("running_mean") or name.endswith("running_var"))
    return trainable + moving, moving


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", choices=sorted(VARIANTS), default="cgan")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--steps", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=2)
    ap.add_argument("--batch-size", type=int, help="default: the variant's (cgan 128, acgan and dcgan 64)")
    ap.add_argument("--params", action="store_true",
                    help="print the Keras-style parameter counts of G and D and exit")
    args = ap.parse_args()
    make_g, make_d, optimizer, step, batch, per, latent, labelled, expected = VARIANTS[args.variant]
    torch.set_num_threads(args.threads)
    torch.manual_seed(1)
    g, d = make_g(latent), make_d()
    if args.params:
        ok = True
        for name, net in (("generator", g), ("discriminator", d)):
            total, fixed = keras_counts(net)
            want = expected[name]
            match = (total, fixed) == want
            ok &= match
            print(f"{args.variant} {name}: total {total:,}, trainable {total - fixed:,}, non-trainable {fixed:,}"
                  f" (Keras {want[0]:,} / {want[0] - want[1]:,} / {want[1]:,}: {'ok' if match else 'MISMATCH'})")
        raise SystemExit(0 if ok else 1)
    opt_g, opt_d = optimizer(g.parameters()), optimizer(d.parameters())
    g.train()
    d.train()
    # cgan and acgan: D's updates on half a batch each, G's on the whole batch;
    # dcgan: D on a batch of fakes followed by a batch of real images, G on a batch
    n = (args.batch_size or batch) // per
    real = torch.rand(n, 1, 28, 28) * 2 - 1
    real_labels = torch.randint(0, 10, (n,)) if labelled else None
    for _ in range(args.warmup):
        step(g, d, opt_g, opt_d, real, real_labels, n, latent)
    t0 = time.perf_counter()
    for _ in range(args.steps):
        step(g, d, opt_g, opt_d, real, real_labels, n, latent)
    print(f"pytorch {(time.perf_counter() - t0) / max(1, args.steps):.4f} s/step")


if __name__ == "__main__":
    main()
